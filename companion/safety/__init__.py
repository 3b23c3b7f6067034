"""Risk screening and the safe first reply: pure functions that work with everything else down."""
