// The compiled parts of Asio, Asio SSL and Beast, built once for the whole program. The
// enishi_http target defines BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION (PUBLIC), so every other TU sees declarations only.
// Excluded from unity builds: these headers must stay in a TU of their own.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
