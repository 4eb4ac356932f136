"""Pure scoring and shortlisting rules: no Streamlit, database or spreadsheet code here."""
