CREATE TABLE `store_meta` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
-- Discrepancy keys stored so far are index paths (`…#/materials/1`); the next sync re-keys them and their
-- reviews by identity path (src/store/rekey.ts) and removes this row. A new database has nothing to re-key.
INSERT INTO `store_meta` (`name`, `value`)
SELECT 'discrepancy-keys', 'index-path'
WHERE EXISTS (SELECT 1 FROM `discrepancies`) OR EXISTS (SELECT 1 FROM `reviews`);
