"""The pure, synchronous pipeline (see docs/architecture.md)."""

from .pipeline import Pipeline, PipelineOutput, PipelineSettings, SourceItem  # noqa: F401
