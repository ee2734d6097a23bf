CREATE TABLE `git_decisions` (
	`key` text PRIMARY KEY NOT NULL,
	`region` text NOT NULL,
	`fingerprint` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`patch` text
);
--> statement-breakpoint
CREATE INDEX `git_decisions_region` ON `git_decisions` (`region`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `source` text DEFAULT 'ui' NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `patch` text;