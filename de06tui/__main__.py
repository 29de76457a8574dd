from de06tui.cli.main import main

raise SystemExit(main())
