-- An upload is named by its component and its upload id (the idempotency key), no longer by the upload id alone:
-- a CI build number sent as uploadId by two components named one upload, and the second was dropped as a repeat.
-- Existing rows keep their ids; they were unique alone, so they are unique within their component too.
ALTER TABLE uploads DROP CONSTRAINT uploads_pkey;
ALTER TABLE uploads ADD PRIMARY KEY (component, upload_id);

-- A digest of the files and parameters an upload was sent with, to tell a repeat (answered with the first receipt)
-- from another upload under the same key (refused). NULL for rows written before V4: their repeats are answered as
-- repeats, as they were.
ALTER TABLE uploads ADD COLUMN request_digest text;
