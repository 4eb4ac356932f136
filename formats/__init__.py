"""Every file the tool reads: limits and refusals at the foot (problems.py), the CSV,
ODS and XLSX readers above them, the interchange formats on top."""
