-- Whether an upload put what its spans showed on results another upload stored before it for the same job run
-- (store.support.ObservationSql): the results it changed are not its own, so a collector that kept a component's
-- histories and reads only the results of later uploads (scorecards.WindowHistories) must read them all again.
ALTER TABLE uploads ADD COLUMN annotated_earlier boolean NOT NULL DEFAULT false;
