#!/usr/bin/env bash
# End-to-end journey against the installed platform, through http://localhost like a browser:
# a speaker submits, a reviewer scores it and may not decide, an organizer logs in and approves, the talk
# appears on the agenda, both emails reach Mailpit, and the consistency check finds no drift.
source "$(dirname "$0")/lib.sh"
need curl jq kubectl
BASE=${BASE:-http://localhost}
jar=$(mktemp)
reviewer_jar=$(mktemp)
mailpit_pid=""
cleanup() { rm -f "$jar" "$reviewer_jar"; if [ -n "$mailpit_pid" ]; then kill "$mailpit_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
xsrf() { awk '$6 == "XSRF-TOKEN" { print $7 }' "${1:-$jar}" | tail -1; }

log "The site answers and hands out a CSRF token"
curl -fsS -c "$jar" -b "$jar" -o /dev/null "$BASE/"
curl -fsS -c "$jar" -b "$jar" -o /dev/null "$BASE/api/session" || true
[ -n "$(xsrf)" ] || fail "no XSRF-TOKEN cookie"

email="speaker-$RANDOM@example.com"
log "A speaker submits a proposal ($email)"
proposal=$(curl -fsS -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Smoke test $RANDOM\",\"abstract\":\"Checks the platform end to end.\",\"speakerName\":\"Ada Smoke\",\"speakerEmail\":\"$email\"}" \
  "$BASE/api/proposals")
id=$(jq -r .id <<<"$proposal")
if [ -z "$id" ] || [ "$id" = null ]; then fail "no proposal id in $proposal"; fi

log "The reviewer logs in, scores it, and may not decide"
reviewer_password=$(kubectl -n "$NAMESPACE" get secret "$RELEASE-frontend-service-reviewer-passwords" -o jsonpath='{.data.reviewer}' | base64 -d)
curl -fsS -c "$reviewer_jar" -b "$reviewer_jar" -o /dev/null "$BASE/"
curl -fsS -c "$reviewer_jar" -b "$reviewer_jar" -o /dev/null "$BASE/api/session" || true
curl -fsS -c "$reviewer_jar" -b "$reviewer_jar" -H "X-XSRF-TOKEN: $(xsrf "$reviewer_jar")" -H 'Accept: application/json' \
  --data-urlencode username=reviewer --data-urlencode "password=$reviewer_password" -o /dev/null "$BASE/login"
curl -fsS -c "$reviewer_jar" -b "$reviewer_jar" -X PUT -H "X-XSRF-TOKEN: $(xsrf "$reviewer_jar")" -H 'Content-Type: application/json' \
  -d '{"score":4,"comment":"Smoke test review"}' -o /dev/null "$BASE/api/proposals/$id/reviews/mine"
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$reviewer_jar" -b "$reviewer_jar" -H "X-XSRF-TOKEN: $(xsrf "$reviewer_jar")" \
  -H 'Content-Type: application/json' -d '{"decision":"APPROVED"}' "$BASE/api/proposals/$id/decision")
[ "$code" = 403 ] || fail "a reviewer's decision answered $code, not 403"

log "The organizer logs in and approves it"
password=$(kubectl -n "$NAMESPACE" get secret "$RELEASE-frontend-service-organizer-passwords" -o jsonpath='{.data.organizer}' | base64 -d)
curl -fsS -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Accept: application/json' \
  --data-urlencode username=organizer --data-urlencode "password=$password" -o /dev/null "$BASE/login"
curl -fsS -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d '{"decision":"APPROVED"}' -o /dev/null "$BASE/api/proposals/$id/decision"

log "The talk appears on the agenda"
for _ in $(seq 1 60); do
  if curl -fsS "$BASE/api/agenda" | jq -e --arg id "$id" '[.. | objects | select(.proposalId? == $id)] | length == 1' >/dev/null; then
    found=1
    break
  fi
  sleep 2
done
[ "${found:-0}" = 1 ] || fail "proposal $id is not on the agenda"

log "Both emails reach Mailpit"
kubectl -n "$NAMESPACE" port-forward "service/$RELEASE-mailpit" 18025:8025 >/dev/null 2>&1 &
mailpit_pid=$!
for _ in $(seq 1 60); do
  count=$(curl -fsS "http://127.0.0.1:18025/api/v1/search?query=to:$email" 2>/dev/null | jq -r '.messages_count // 0' || echo 0)
  [ "$count" -ge 2 ] && break
  sleep 2
done
[ "${count:-0}" -ge 2 ] || fail "expected 2 emails to $email, found ${count:-0}"

log "The consistency check finds no drift"
job="consistency-smoke-$RANDOM"
kubectl -n "$NAMESPACE" create job --from="cronjob/$RELEASE-c4p-service-consistency-check" "$job" >/dev/null
kubectl -n "$NAMESPACE" wait --for=condition=complete "job/$job" --timeout=3m
report=$(kubectl -n "$NAMESPACE" logs "job/$job")
echo "$report"
jq -e '.missing == [] and .orphans == []' <<<"$report" >/dev/null || fail "drift: $report"

log "Smoke test passed"
