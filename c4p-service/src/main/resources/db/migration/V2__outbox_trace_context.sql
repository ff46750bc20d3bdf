-- The W3C trace context (traceparent, tracestate) of the request that recorded each event, so that
-- the relay's deliveries, retries included, belong to that request's trace. Null when it had none.
alter table outbox_event
    add column traceparent varchar(128),
    add column tracestate  varchar(512);
