-- Rules workbench: drafts of rule and model files, and every published version of them.
-- Files are JSON objects {"rules/b2b/fit.drl": "…", "scoring-models/b2b.yaml": "…"}; in a draft a null content
-- deletes the file. A version holds all files as published, so any two can be compared and any one restored.

CREATE TABLE workbench_draft (
    id              VARCHAR(40)              NOT NULL PRIMARY KEY,
    author          VARCHAR(100)             NOT NULL,
    base_version    VARCHAR(20)              NOT NULL,
    files           TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rules_version (
    number          INTEGER                  NOT NULL PRIMARY KEY,
    ruleset_version VARCHAR(20)              NOT NULL,
    author          VARCHAR(100)             NOT NULL,
    message         TEXT                     NOT NULL,
    files           TEXT                     NOT NULL,
    restored_from   INTEGER,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
