-- Discrepancies stored so far were computed on items as their files wrote them; a v1 catalog's are now compared
-- in their v2 reading (catalog format §8), which renames some of their keys (`…/materials/@X/form` → `…/type`)
-- and maps some values. The next sync carries the reviews on them over (src/store/rekey.ts) and removes this
-- row. A new database has nothing to carry over.
INSERT INTO `store_meta` (`name`, `value`)
SELECT 'discrepancy-items', 'as-written'
WHERE EXISTS (SELECT 1 FROM `discrepancies`) OR EXISTS (SELECT 1 FROM `reviews`);
