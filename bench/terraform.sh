#!/usr/bin/env bash
# bench/terraform.sh: lint a Terraform root of 200 task definitions and 200
# services (jsonencode, locals, a local module with for_each) and the same
# 400 resources as raw ECS JSON files; compare wall time and peak RSS, and
# check that both give the same findings.
#
# Knobs (environment): N (200), RUNS (5), OUT (bench/out).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=${OUT:-bench/out}
N=${N:-200}
RUNS=${RUNS:-5}
mkdir -p "$OUT"
log() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "installing time"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >/dev/null 2>&1 || { log "GNU time is required"; exit 1; }
fi
command -v jq >/dev/null || { log "jq is required"; exit 1; }

log "building ecslint and gen into $OUT/"
go build -o "$OUT/ecslint" ./cmd/ecslint
go build -o "$OUT/gen" ./bench/gen
corpus="$OUT/terraform-$N"
rm -rf "$corpus"
"$OUT/gen" -terraform -n "$N" -out "$corpus"

# same findings (rule, resource, message) from both forms
for form in tf json; do
	"$OUT/ecslint" lint --no-config -f json "$corpus/$form" >"$OUT/terraform-$form.json" || true
	jq -r '.findings[] | [.rule, (.resource.name | sub("^aws_ecs_(task_definition|service)\\.|^module\\.app\\[\"|\"\\]\\.aws_ecs_(task_definition|service)\\.this$"; ""; "g")), .message] | @tsv' \
		"$OUT/terraform-$form.json" | sed -E 's/(service|task definition) (aws_ecs_service\.|module\.app\["?)?([a-z0-9]+)("\]\.aws_ecs_service\.this)?/\1 \3/g' | sort >"$OUT/terraform-$form.findings"
done
tf_count=$(wc -l <"$OUT/terraform-tf.findings")
json_count=$(wc -l <"$OUT/terraform-json.findings")
log "findings: terraform $tf_count, raw JSON $json_count"
if ! diff -q "$OUT/terraform-tf.findings" "$OUT/terraform-json.findings" >/dev/null; then
	log "the two forms disagree: diff $OUT/terraform-tf.findings $OUT/terraform-json.findings"
fi

measure() { # form → lines "wall_s rss_kb cpu_s"
	local form=$1 i
	"$OUT/ecslint" lint --no-config -q "$corpus/$form" >/dev/null || true # warm the page cache
	for ((i = 0; i < RUNS; i++)); do
		/usr/bin/time --quiet -f '%e %M %U %S' -o "$OUT/time.txt" "$OUT/ecslint" lint --no-config -q "$corpus/$form" >/dev/null || true
		awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$OUT/time.txt"
	done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
{
	printf '| input (%d task definitions + %d services) | files | wall (median of %d) | CPU user+sys (median) | peak RSS (max) |\n|---|---|---|---|---|\n' "$N" "$N" "$RUNS"
	for form in tf json; do
		m=$(measure "$form")
		files=$(find "$corpus/$form" -type f | wc -l)
		wall=$(awk '{print $1}' <<<"$m" | median)
		rss=$(awk '{print $2}' <<<"$m" | sort -n | tail -1)
		cpu=$(awk '{print $3}' <<<"$m" | median)
		printf '| %s | %d | %s s | %s s | %d MB |\n' "$([ "$form" = tf ] && echo "Terraform root" || echo "raw JSON")" "$files" "$wall" "$cpu" "$((rss / 1024))"
	done
	printf '\nload average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/terraform-results.md"
