"""Reports a therapist hands over: PDF, Dutch or English, for the therapist or the patient."""
