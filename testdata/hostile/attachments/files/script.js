alert("CRIBLEAK");
