"""Excel workbooks (openpyxl), fed by plain rows from scoring/."""
