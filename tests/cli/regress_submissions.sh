#!/usr/bin/env bash
# CI gate: the sample scripts still mark exactly as their golden reports say.
set -euo pipefail
AM=$1
"$AM" regress --rubric rubrics/ecs7013p-2024-05.yaml submissions/
