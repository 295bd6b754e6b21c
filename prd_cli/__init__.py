"""prd: policy responsibilities and deadlines as validated YAML."""

__version__ = "0.1.0"
