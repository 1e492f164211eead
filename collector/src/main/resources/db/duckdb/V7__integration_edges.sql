-- The integration map (issue 12): what spans imply about integration points, one row per component, edge, test
-- and environment. test_id is '' for an edge seen outside tests (spans of an observed environment), environment
-- is '' for one seen in a test. Raw spans are not kept.
CREATE TABLE integration_edges (
    component      VARCHAR NOT NULL,
    caller         VARCHAR NOT NULL,
    target_kind    VARCHAR NOT NULL,
    target         VARCHAR NOT NULL,
    protocol       VARCHAR NOT NULL,
    test_id        VARCHAR NOT NULL,
    suite          VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    observed_layer VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    contract       VARCHAR NOT NULL,
    environment    VARCHAR NOT NULL,
    first_seen     TIMESTAMPTZ NOT NULL,
    last_seen      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (component, caller, target_kind, target, test_id, environment)
);

CREATE INDEX integration_edges_caller_idx ON integration_edges (caller);
CREATE INDEX integration_edges_target_idx ON integration_edges (target);
