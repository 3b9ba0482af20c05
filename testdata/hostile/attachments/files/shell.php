<?php echo "CRIBLEAK"; ?>
