REINDEX TABLE CONCURRENTLY orders; -- want: index-not-concurrent
