"""Files in and out: what a file's bytes hold, a shipments table read a row at a time, a batch
planned in chunks (N rows in, N rows out) with its worker processes and progress, the flat row
of an option, CSV / .xlsx / GeoJSON for people and GIS, and the terminal's tables.
"""
