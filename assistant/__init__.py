"""乡村振兴责任制助手: an offline assistant over the 北京市乡村振兴责任制实施细则 and its laws."""

__version__ = "0.1.0"
