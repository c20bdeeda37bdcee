from ieg_reports.cli import main

main()
