"""Một Cửa — electronic one-stop shop for Vietnamese local government."""
