-- Full-text search over items (name, conditions, material names). Trigram tokens work for Chinese without a
-- word segmenter; queries shorter than 3 characters fall back to LIKE (src/store/search.ts). Kept in step by
-- the sync (one row per item that exists; removed items are taken out). drizzle-kit ignores items_fts*.
CREATE VIRTUAL TABLE `items_fts` USING fts5(
	`region` UNINDEXED,
	`catalog_code` UNINDEXED,
	`name`,
	`conditions`,
	`materials`,
	tokenize = 'trigram'
);
