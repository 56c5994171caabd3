DROP TABLE order_notes, orders;
