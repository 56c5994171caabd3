SELECT 1; -- want: down-not-inverse "table a remains, table b remains, table c remains, table d remains, and 1 more$"
