REINDEX TABLE orders; -- want: index-not-concurrent
