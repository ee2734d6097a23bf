-- The state of each reviewed discrepancy key, derived and never stored (a sync never touches reviews):
-- the latest verdict per key (accepted / fix-requested / reopened; comments do not count) joined with the
-- current discrepancy of that key.
--   decided   the verdict was made on the current fingerprint
--   outdated  the key is still there with another fingerprint: look again
--   resolved  the key is gone (the item now agrees, or was removed)
--   open      the latest verdict is `reopened`
CREATE VIEW `review_states` AS
SELECT
	r.`key`,
	r.`region`,
	r.`catalog_code`,
	r.`path`,
	r.`id` AS `review_id`,
	r.`decision`,
	r.`author`,
	r.`created_at`,
	r.`fingerprint` AS `review_fingerprint`,
	d.`fingerprint` AS `current_fingerprint`,
	CASE
		WHEN d.`key` IS NULL THEN 'resolved'
		WHEN r.`decision` = 'reopened' THEN 'open'
		WHEN r.`fingerprint` = d.`fingerprint` THEN 'decided'
		ELSE 'outdated'
	END AS `state`
FROM `reviews` r
LEFT JOIN `discrepancies` d ON d.`key` = r.`key`
WHERE r.`id` = (
	SELECT max(r2.`id`) FROM `reviews` r2
	WHERE r2.`key` = r.`key` AND r2.`decision` IN ('accepted', 'fix-requested', 'reopened')
);
