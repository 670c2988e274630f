-- A case split from a multi-case report names the report it is part of (its document id). The
-- report's own row stays, so the report is findable; deleting or replacing it removes its cases.
ALTER TABLE documents ADD COLUMN part_of TEXT;

CREATE INDEX documents_part_of ON documents(part_of);
