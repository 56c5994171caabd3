-- +goose Up
-- +goose StatementBegin
CREATE TABLE tags (id bigint PRIMARY KEY); -- want: missing-down-migration "has an empty down section"
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
SELECT 'down SQL query';
-- +goose StatementEnd
