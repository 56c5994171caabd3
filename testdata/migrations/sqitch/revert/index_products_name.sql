-- Revert shop:index_products_name from pg

DROP INDEX CONCURRENTLY products_name_idx;
