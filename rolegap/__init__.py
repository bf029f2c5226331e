"""rolegap: job postings in, proven DS-vs-MLE analysis tables out."""

__version__ = "0.1.0"
