# Events API v2, sent to alert-ingest instead of https://events.pagerduty.com/v2/enqueue
curl -fsS "$TOCSIN_URL/api/v1/alerts/pagerduty" \
     -H "Authorization: Bearer $TOCSIN_ALERTS_TOKEN" \
     -H 'Content-Type: application/json' \
     --data-binary @pagerduty-event.json
