// Agreement statistics live here (issue 7).
