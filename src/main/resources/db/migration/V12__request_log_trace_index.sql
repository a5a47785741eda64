-- The trace-id index cost every stored row a fifth B-tree insert and served only exact `trace:=` searches: the
-- search box's substring search cannot use it. Gateway trace ids start with the request's time, so an exact
-- search now bounds created_ms from the id and reads a few rows of the time index instead (LogQuery).
DROP INDEX request_logs_trace;
