// Batch marking lives here (issue 6).
