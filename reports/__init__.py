"""The weekly discrepancy report to grant officers: figures, HTML mail, PDF, XLSX, delivery."""
