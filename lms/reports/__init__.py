"""Reports for trainers and administrators: completion matrix, learner detail, exports."""
