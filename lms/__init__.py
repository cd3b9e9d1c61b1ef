"""Django project package of the « La fonction publique s'engage » learning platform."""
