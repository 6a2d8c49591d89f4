"""Analysis stages (BodyFrame -> timeline segments + events): posture, transitions, sitting,
lifting, exposure, feedback. Import the stages from their modules, e.g.
``from oefensense.analysis.posture import PostureStage``."""
