"""The Nam Từ Liêm demo as plain data: units, fields, procedures and staff accounts."""
