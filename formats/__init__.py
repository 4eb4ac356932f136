"""Every file the tool reads: limits and refusals at the foot (limits.py, refusals.py,
problems.py) with the one scan of a workbook's zip parts (zip_parts.py); the CSV, ODS and XLSX
readers above them; spreadsheet_files.py choosing the reader; the interchange formats and the
returned scoring sheet's reader on top. Nothing here imports exports/, which writes."""
