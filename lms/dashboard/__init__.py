"""« Mon parcours »: the learner's dashboard."""
