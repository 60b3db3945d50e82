"""Reading a folder of Amazon downloads into clean tables: formats, readers, the account."""
