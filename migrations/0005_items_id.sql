ALTER TABLE `items` ADD `id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `items_id` ON `items` (`id`);--> statement-breakpoint
-- Items synced before this migration get their current rowid as id, and items_fts is rebuilt keyed by it.
UPDATE `items` SET `id` = rowid WHERE `id` IS NULL;--> statement-breakpoint
DELETE FROM `items_fts`;--> statement-breakpoint
INSERT INTO `items_fts` (rowid, `region`, `catalog_code`, `name`, `conditions`, `materials`)
SELECT `id`, `region`, `catalog_code`, coalesce(`name`, ''),
	coalesce(CASE WHEN json_type(`body`, '$.conditions') = 'text' THEN json_extract(`body`, '$.conditions') END, ''),
	coalesce((SELECT group_concat(json_extract(m.value, '$.name'), char(10)) FROM json_each(`body`, '$.materials') m
		WHERE json_type(m.value, '$.name') = 'text'), '')
FROM `items` WHERE `removed_at` IS NULL AND `body` IS NOT NULL AND json_valid(`body`);
