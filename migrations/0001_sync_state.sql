ALTER TABLE `discrepancies` ADD `file` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `discrepancies_file` ON `discrepancies` (`file`);--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `dirty` text;