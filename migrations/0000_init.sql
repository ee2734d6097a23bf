CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`region` text,
	`target` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_region` ON `audit_log` (`region`);--> statement-breakpoint
CREATE TABLE `discrepancies` (
	`key` text PRIMARY KEY NOT NULL,
	`region` text NOT NULL,
	`catalog_code` text NOT NULL,
	`against` text NOT NULL,
	`path` text NOT NULL,
	`field` text NOT NULL,
	`kind` text NOT NULL,
	`rule` text NOT NULL,
	`ours` text,
	`theirs` text,
	`fingerprint` text NOT NULL,
	`since` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `discrepancies_region` ON `discrepancies` (`region`,`kind`);--> statement-breakpoint
CREATE INDEX `discrepancies_item` ON `discrepancies` (`region`,`catalog_code`);--> statement-breakpoint
CREATE INDEX `discrepancies_fingerprint` ON `discrepancies` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file` text NOT NULL,
	`region` text NOT NULL,
	`catalog_code` text,
	`rule` text NOT NULL,
	`severity` text NOT NULL,
	`line` integer NOT NULL,
	`column` integer NOT NULL,
	`path` text NOT NULL,
	`message_zh` text NOT NULL,
	`message_en` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `findings_file` ON `findings` (`file`);--> statement-breakpoint
CREATE INDEX `findings_item` ON `findings` (`region`,`catalog_code`);--> statement-breakpoint
CREATE INDEX `findings_rule` ON `findings` (`rule`);--> statement-breakpoint
CREATE TABLE `item_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region` text NOT NULL,
	`catalog_code` text NOT NULL,
	`file` text NOT NULL,
	`commit` text NOT NULL,
	`author` text NOT NULL,
	`date` text NOT NULL,
	`message` text NOT NULL,
	`change` text NOT NULL,
	`blob` text,
	`body` text
);
--> statement-breakpoint
CREATE INDEX `item_versions_item` ON `item_versions` (`region`,`catalog_code`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `item_versions_commit_file` ON `item_versions` (`commit`,`file`);--> statement-breakpoint
CREATE TABLE `items` (
	`region` text NOT NULL,
	`catalog_code` text NOT NULL,
	`file` text NOT NULL,
	`blob` text NOT NULL,
	`revision` text NOT NULL,
	`body` text,
	`name` text,
	`type` text,
	`errors` integer DEFAULT 0 NOT NULL,
	`warnings` integer DEFAULT 0 NOT NULL,
	`uncommitted` integer DEFAULT false NOT NULL,
	`removed_at` text,
	PRIMARY KEY(`region`, `catalog_code`)
);
--> statement-breakpoint
CREATE INDEX `items_code` ON `items` (`catalog_code`);--> statement-breakpoint
CREATE INDEX `items_file` ON `items` (`file`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text,
	`level` text,
	`parent` text,
	`dir` text NOT NULL,
	`lineage` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent`);--> statement-breakpoint
CREATE INDEX `regions_lineage` ON `regions` (`lineage`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`region` text NOT NULL,
	`catalog_code` text NOT NULL,
	`path` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`author` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reviews_key` ON `reviews` (`key`,`created_at`);--> statement-breakpoint
CREATE INDEX `reviews_region` ON `reviews` (`region`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sync_lock` (
	`id` integer PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text,
	`revision` text NOT NULL,
	`previous_revision` text,
	`worktree` integer DEFAULT false NOT NULL,
	`outcome` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`region` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`disabled` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_unique` ON `users` (`name`);