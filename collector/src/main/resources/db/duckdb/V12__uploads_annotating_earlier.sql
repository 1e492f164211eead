-- As PostgreSQL's V12: whether an upload put its spans' observation on results stored before it by another upload.
ALTER TABLE uploads ADD COLUMN annotated_earlier BOOLEAN DEFAULT false;
