//! Decision filters: a questionnaire compiled, checked and rendered.
