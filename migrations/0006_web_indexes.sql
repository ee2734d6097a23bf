CREATE INDEX `discrepancies_code` ON `discrepancies` (`catalog_code`,`kind`,`region`);--> statement-breakpoint
CREATE INDEX `items_code_region` ON `items` (`catalog_code`,`region`,`removed_at`);