"""Words the generator writes: locations, titles and the surface forms of each planted skill.

Everything here is raw text as companies publish it. Filler must not mention any taxonomy alias by
accident; `tests/python/test_generate.py` re-tags every description to prove it.
"""

from __future__ import annotations

# Market -> (location string, country) variants. The first is the common one.
MARKET_LOCATIONS: dict[str, list[str]] = {
    "new_york": [
        "New York, NY",
        "NYC",
        "Brooklyn, New York",
        "New York, New York, United States",
        "New York",
    ],
    "san_francisco": [
        "San Francisco, CA",
        "SF Bay Area",
        "San Francisco Bay Area",
        "San Francisco, California",
    ],
    "london": ["London, UK", "London, England, United Kingdom", "London"],
    "denver": ["Denver, CO", "Denver, Colorado, United States"],
    "singapore": ["Singapore", "Singapore, Singapore"],
}
MARKET_COUNTRY = {"new_york": "us", "san_francisco": "us", "denver": "us", "london": "gb", "singapore": "sg"}
CURRENCY_BY_COUNTRY = {"us": "USD", "gb": "GBP", "sg": "SGD"}

# Locations outside the included markets: (location, country). The first two are look-alike traps.
EXCLUDED_LOCATIONS: list[tuple[str, str]] = [
    ("London, Ontario, Canada", "ca"),
    ("New London, CT", "us"),
    ("Remote - US", "us"),
    ("Austin, TX", "us"),
    ("Berlin, Germany", "de"),
    ("Toronto, ON", "ca"),
    ("Seattle, WA", "us"),
    ("Boston, MA", "us"),
    ("Paris, France", "fr"),
    ("Amsterdam, Netherlands", "nl"),
]

# Role-family bases. Titles combine a seniority pattern with a base.
MLE_BASES = [
    "Machine Learning Engineer",
    "ML Engineer",
    "AI Engineer",
    "AI/ML Engineer",
    "MLOps Engineer",
    "Software Engineer, Machine Learning",
    "Machine Learning Engineer, Ranking",
    "Machine Learning Engineer, Payments",
    "Software Engineer (Machine Learning)",
    "Machine Learning Platform Engineer",
    "ML Engineer, Growth",
    "AI Engineer, Applied",
]
MLE_DIRECTOR_TITLES = [
    "Director of Machine Learning Engineering",
    "Head of Machine Learning Engineering",
    "Director, ML Engineering",
    "VP of AI Engineering",
    "Head of ML Engineering",
    "Associate Director, Machine Learning Engineering",
]
DS_BASES = [
    "Data Scientist",
    "Product Data Scientist",
    "Applied Data Scientist",
    "Decision Scientist",
    "Data Scientist, Marketing",
    "Data Scientist, Growth",
    "Data Scientist, Risk",
    "Data Scientist, Operations",
    "Data Scientist - Pricing",
]
DS_DIRECTOR_TITLES = [
    "Director of Data Science",
    "Head of Data Science",
    "Director, Data Science",
    "VP, Data Science",
    "Associate Director, Data Science",
    "Head of Decision Science",
]
# (pattern, seniority). "{t}" is the base title.
SENIORITY_PATTERNS: dict[str, list[str]] = {
    "junior": [
        "Junior {t}",
        "Associate {t}",
        "{t} I",
        "Graduate {t}",
        "Entry Level {t}",
        "New Grad {t}",
        "Jr. {t}",
    ],
    "mid": ["{t}", "{t}", "{t}", "{t} II"],
    "senior": ["Senior {t}", "Senior {t}", "Sr. {t}", "Lead {t}", "{t} III"],
    "staff_principal": ["Staff {t}", "Staff {t}", "Principal {t}", "Senior Staff {t}", "Distinguished {t}"],
}

# Out-of-scope titles: (title, seniority).
OTHER_TITLES: list[tuple[str, str]] = [
    ("Data Analyst", "mid"),
    ("Senior Data Analyst", "senior"),
    ("Business Intelligence Analyst", "mid"),
    ("Product Analyst", "mid"),
    ("Data Engineer", "mid"),
    ("Senior Data Engineer", "senior"),
    ("Staff Data Engineer", "staff_principal"),
    ("Analytics Engineer", "mid"),
    ("Senior Analytics Engineer", "senior"),
    ("Research Scientist", "mid"),
    ("Senior Research Scientist", "senior"),
    ("Applied Scientist", "mid"),
    ("Senior Applied Scientist", "senior"),
    ("Research Scientist, NLP", "mid"),
    ("Machine Learning Scientist", "mid"),
    ("Machine Learning Engineer Intern", "junior"),
    ("Machine Learning Intern", "junior"),
    ("Data Science Intern", "junior"),
    ("Data Scientist Intern", "junior"),
    ("AI Engineering Intern", "junior"),
    ("Working Student Data Science", "mid"),
    ("Working Student - Machine Learning", "mid"),
    ("Sales Engineer", "mid"),
    ("Solutions Engineer, AI Platform", "mid"),
    ("Account Executive", "mid"),
    ("Software Engineer, Backend", "mid"),
    ("Senior Software Engineer, Frontend", "senior"),
    ("Staff Software Engineer, Infrastructure", "staff_principal"),
    ("Product Designer", "mid"),
    ("Technical Recruiter", "mid"),
]
SCRIPT_TITLE = ("Data Analyst <script>alert(1)</script>", "mid")  # a bare "1" is a level only at the end

# Surface forms per canonical skill, for list sentences ("Experience with X, Y and Z").
SURFACE: dict[str, list[str]] = {
    "sql": ["SQL", "advanced SQL", "complex SQL queries"],
    "python": ["Python", "Python 3", "production-quality Python"],
    "pytorch": ["PyTorch", "Pytorch"],
    "tensorflow": ["TensorFlow", "Tensorflow"],
    "aws": ["AWS", "Amazon Web Services (AWS)"],
    "gcp": ["GCP", "Google Cloud Platform (GCP)", "Google Cloud"],
    "azure": ["Azure", "Microsoft Azure"],
    "c++": ["C++", "C/C++", "modern C++"],
    "kubernetes": ["Kubernetes", "K8s"],
    "docker": ["Docker"],
    "mlops": ["MLOps", "MLOps practices"],
    "ci/cd": ["CI/CD", "CI/CD pipelines"],
    "llm": ["LLMs", "large language models (LLMs)", "large language models"],
    "rag": ["RAG", "retrieval-augmented generation (RAG)", "retrieval augmented generation"],
    "prompt engineering": ["prompt engineering"],
    "causal inference": ["causal inference", "causal inference methods"],
    "statistics": ["statistics", "applied statistics", "statistical modeling"],
    "a/b testing": ["A/B testing", "A/B tests"],
    "tableau": ["Tableau"],
    "looker": ["Looker"],
    "machine learning": ["machine learning", "applied machine learning"],
    "spark": ["Spark", "Apache Spark", "PySpark"],
    "scikit-learn": ["scikit-learn", "Scikit-Learn", "sklearn"],
    "pandas": ["pandas"],
    "numpy": ["NumPy", "numpy"],
    "deep learning": ["deep learning"],
    "nlp": ["NLP", "natural language processing (NLP)"],
    "computer vision": ["computer vision"],
    "java": ["Java"],
    "scala": ["Scala"],
    "go": ["Go", "Golang", "Go (Golang)"],
    "rust": ["Rust"],
    "javascript": ["JavaScript"],
    "c#": ["C#"],
    "nosql": ["NoSQL", "NoSQL databases"],
    "airflow": ["Airflow", "Apache Airflow"],
    "dbt": ["dbt"],
    "snowflake": ["Snowflake"],
    "databricks": ["Databricks"],
    "bigquery": ["BigQuery"],
    "kafka": ["Kafka", "Apache Kafka"],
    "terraform": ["Terraform"],
    "git": ["Git"],
    "linux": ["Linux"],
    "experimentation": ["experimentation", "experiment design"],
    "bayesian": ["Bayesian methods", "Bayesian modeling"],
    "time series": ["time series", "time-series analysis"],
    "forecasting": ["forecasting", "demand forecasting"],
    "recommendation systems": ["recommendation systems", "recommender systems"],
    "power bi": ["Power BI"],
    "excel": ["Microsoft Excel", "advanced Excel"],
    "data visualization": ["data visualization", "data visualisation"],
    "mlflow": ["MLflow"],
    "kubeflow": ["Kubeflow"],
    "sagemaker": ["SageMaker", "Amazon SageMaker"],
    "vertex ai": ["Vertex AI"],
    "ray": ["Ray"],
    "triton": ["Triton", "Triton Inference Server"],
    "onnx": ["ONNX", "ONNX Runtime"],
    "tensorrt": ["TensorRT"],
    "cuda": ["CUDA"],
    "distributed training": ["distributed training"],
    "model serving": ["model serving"],
    "feature store": ["feature stores", "a feature store"],
    "vector database": ["vector databases"],
    "fine-tuning": ["fine-tuning", "fine tuning"],
    "transformers": ["Transformers", "transformer architectures"],
    "generative ai": ["generative AI", "GenAI"],
    "reinforcement learning": ["reinforcement learning"],
    "julia": ["Julia"],
    "jax": ["JAX"],
    "keras": ["Keras"],
    "xgboost": ["XGBoost"],
    "hadoop": ["Hadoop"],
    "typescript": ["TypeScript"],
}
# Skills written only in a sentence of their own (the stop phrases guard "and Julia", "and Excel").
SOLO_SENTENCES: dict[str, list[str]] = {
    "julia": ["Working knowledge of Julia for numerical work is a plus.", "Julia for scientific computing."],
    "excel": ["Comfort building models in Microsoft Excel.", "Advanced Excel for quick what-if models."],
    "r": ["R (tidyverse) for analysis.", "Fluency in R.", "R for exploratory work and reporting."],
}
R_AND_PYTHON = "Proficiency in R or Python."

# Lead-ins for skill bullets: "{x}" is the joined list of surface forms.
REQUIRED_LEADS = [
    "Hands-on experience with {x}.",
    "Strong proficiency in {x}.",
    "You have shipped production work using {x}.",
    "Fluency in {x}.",
    "Several years of practical experience with {x}.",
    "Deep familiarity with {x}.",
    "A track record of delivering results with {x}.",
    "Comfortable working day to day in {x}.",
]
NICE_LEADS = [
    "Exposure to {x} is a plus.",
    "Bonus points for {x}.",
    "Familiarity with {x} would be nice.",
    "Nice to have: {x}.",
    "Some experience with {x} helps.",
]

# Distractors: text that looks like a skill but must not be tagged (stop phrases cover them).
DISTRACTORS = [
    "We invest heavily in R&D and publish what we learn.",
    "You will partner with our go-to-market teams on launches.",
    "We look for people who go above and beyond for customers.",
    "You excel at explaining trade-offs to non-specialists.",
    "Excellent written communication is a must.",
    "We want every project to spark curiosity across the company.",
    "You care about building scalable, maintainable services.",
    "Our products help customers comply with privacy laws in every region they serve.",
    "We keep storage costs predictable as usage grows.",
    "Programme updates are shared through weekly RAG status reports.",
    "Julia, our Head of Talent, will guide you through the process.",
]
# Negations: (skill, sentence). Only written when the skill is not planted.
NEGATIONS = [
    ("kubernetes", "No Kubernetes experience needed."),
    ("scala", "Scala experience is not required."),
    ("rust", "No Rust experience needed."),
    ("docker", "Docker experience is not required."),
    ("java", "No Java experience needed."),
]
